export type { ReportInput, ReportLinks } from './types.js';
export { buildSummaryMarkdown, SUMMARY_MAX_BYTES, type SummaryOptions } from './summary.js';
export {
  buildCommentBody,
  commentMarker,
  COMMENT_BODY_MAX_CHARS,
  COMMENT_MAX_FINDING_ROWS,
  type CommentOptions,
} from './comment.js';
export {
  buildAnnotations,
  annotationLevel,
  ANNOTATIONS_PER_STEP_PER_LEVEL,
  ANNOTATIONS_PER_JOB,
  type Annotation,
  type AnnotationLevel,
  type AnnotationOptions,
  type AnnotationsResult,
} from './annotations.js';
export { codeSpan, escapeHtml, escapeMarkdownInline, escapeTableCell, markdownLink } from './markdown.js';
export { describePlace, formatLocation, oneLine, type FullResultsPlaces } from './text.js';
