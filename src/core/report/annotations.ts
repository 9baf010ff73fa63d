/**
 * Line annotations: the findings GitHub shows on the diff and the run page.
 * GitHub shows only a few per step, so the most useful are chosen and the rest
 * are counted in a note that says where to see them.
 */
import { compareFindings, type Finding, type RuleDescriptor } from '../findings.js';
import type { Severity } from '../severity.js';
import { revealInvisible } from './markdown.js';
import { countOf, listFullResultsPlaces, ruleName, truncateText, type FullResultsPlaces } from './text.js';

/**
 * How many annotations of each level (error, warning, notice) GitHub shows per
 * step. actions/toolkit docs/problem-matchers.md, "Limitations": "10 warning
 * annotations, 10 error annotations, and 10 notice annotations per step"; the
 * REST docs for check runs say the same of errors and warnings ("GitHub Actions
 * are limited to 10 warning annotations and 10 error annotations per step").
 * Past it GitHub drops the rest silently.
 */
export const ANNOTATIONS_PER_STEP_PER_LEVEL = 10;

/**
 * How many annotations GitHub shows per job, all steps together.
 * actions/toolkit docs/problem-matchers.md, "Limitations": "50 annotations per
 * job (sum of annotations from all the steps)".
 */
export const ANNOTATIONS_PER_JOB = 50;

/** Our choice: annotation messages are cut to this many characters; the summary has the rest. */
export const ANNOTATION_MESSAGE_MAX_CHARS = 4_000;

export type AnnotationLevel = 'error' | 'warning' | 'notice';
const LEVELS: readonly AnnotationLevel[] = ['error', 'warning', 'notice'];

/**
 * critical and high are errors, medium a warning, low and note notices: an
 * error annotation reads as "must fix", which matches the bands that fail runs
 * under the default thresholds.
 */
export function annotationLevel(severity: Severity): AnnotationLevel {
  switch (severity) {
    case 'critical':
    case 'high':
      return 'error';
    case 'medium':
      return 'warning';
    default:
      return 'notice';
  }
}

/** The properties of `core.error/warning/notice` (@actions/core AnnotationProperties), plus the level and message. */
export interface Annotation {
  level: AnnotationLevel;
  title: string;
  message: string;
  file: string;
  startLine: number;
  endLine?: number;
  startColumn?: number;
  /** Inclusive, as the toolkit's. */
  endColumn?: number;
}

export type AnnotationCounts = Record<AnnotationLevel, number>;

export interface AnnotationsResult {
  /** Most severe first; at most the per-level and per-job limits. */
  annotations: Annotation[];
  /** Findings not annotated, by level: over the limits or without a file location. */
  omitted: AnnotationCounts;
  /**
   * Present when anything was omitted: emit it as one notice annotation without
   * a file (a notice slot is kept free for it unless `reserveNoteSlot` is false).
   */
  overflowNote?: string;
}

export interface AnnotationOptions {
  /** Rule names for the titles. */
  rules?: readonly RuleDescriptor[];
  /** Where every finding can be seen, named in the overflow note. */
  places?: FullResultsPlaces;
  /** Annotations other steps of the job will already have shown (default 0). */
  usedInJob?: number;
  /** Keep one notice (and one job) slot for the overflow note so it is itself shown (default true). */
  reserveNoteSlot?: boolean;
}

type LocatedFinding = Finding & { location: NonNullable<Finding['location']> };

/**
 * A finding the compared base already had is a notice, whatever its severity:
 * the change did not cause it, and an error on a line the author did not touch
 * reads as blame (dependency-review-action annotates only what a change adds).
 */
function levelOf(finding: Finding): AnnotationLevel {
  return finding.isNew === false ? 'notice' : annotationLevel(finding.severity);
}

function toAnnotation(finding: LocatedFinding, rules: readonly RuleDescriptor[]): Annotation {
  const { location } = finding;
  const title = revealInvisible(`${ruleName(rules, finding.ruleId)} (${finding.severity}${finding.isNew === false ? ', existing' : ''})`).replace(
    /\s+/g,
    ' ',
  );
  const body = finding.remediation
    ? `${finding.message}\n\nWhat to do next: ${finding.remediation}`
    : finding.message;
  const annotation: Annotation = {
    level: levelOf(finding),
    title,
    message: truncateText(revealInvisible(body), ANNOTATION_MESSAGE_MAX_CHARS),
    file: location.path,
    startLine: location.startLine,
  };
  const singleLine = location.endLine === undefined || location.endLine === location.startLine;
  if (!singleLine) annotation.endLine = location.endLine;
  // The toolkit ignores columns when the annotation spans lines ("Cannot be sent
  // when startLine and endLine are different values"), so they are only set on one line.
  if (singleLine && location.startColumn !== undefined) {
    annotation.startColumn = location.startColumn;
    // SARIF's endColumn is exclusive, the annotation's inclusive.
    if (location.endColumn !== undefined && location.endColumn - 1 >= location.startColumn) {
      annotation.endColumn = location.endColumn - 1;
    }
  }
  return annotation;
}

/** By level; within a level new findings before existing ones (they are what the PR changed), then most severe first. */
function compareForAnnotation(a: Finding, b: Finding): number {
  return (
    LEVELS.indexOf(levelOf(a)) - LEVELS.indexOf(levelOf(b)) ||
    Number(a.isNew === false) - Number(b.isNew === false) ||
    compareFindings(a, b)
  );
}

function zeroCounts(): AnnotationCounts {
  return { error: 0, warning: 0, notice: 0 };
}

function select(located: readonly LocatedFinding[], perLevel: AnnotationCounts, total: number) {
  const chosen: LocatedFinding[] = [];
  const used = zeroCounts();
  const overLimit = zeroCounts();
  for (const finding of located) {
    const level = levelOf(finding);
    if (used[level] < perLevel[level] && chosen.length < total) {
      chosen.push(finding);
      used[level] += 1;
    } else {
      overLimit[level] += 1;
    }
  }
  return { chosen, overLimit };
}

/**
 * The annotations to emit for `findings`: most severe first, the top ones of
 * each level within GitHub's per-step and per-job limits, with line columns only
 * on single-line locations. Findings without a location cannot be annotated;
 * they are counted in `omitted` with those over the limits, and `overflowNote`
 * says how many there are and where to see them all.
 */
export function buildAnnotations(
  findings: readonly Finding[],
  options: AnnotationOptions = {},
): AnnotationsResult {
  const rules = options.rules ?? [];
  const located = findings
    .filter((f): f is LocatedFinding => f.location !== undefined)
    .sort(compareForAnnotation);
  const unlocated = zeroCounts();
  for (const finding of findings) if (!finding.location) unlocated[annotationLevel(finding.severity)] += 1;
  const unlocatedTotal = unlocated.error + unlocated.warning + unlocated.notice;

  const perJob = Math.max(0, ANNOTATIONS_PER_JOB - (options.usedInJob ?? 0));
  const perLevel: AnnotationCounts = {
    error: ANNOTATIONS_PER_STEP_PER_LEVEL,
    warning: ANNOTATIONS_PER_STEP_PER_LEVEL,
    notice: ANNOTATIONS_PER_STEP_PER_LEVEL,
  };
  let { chosen, overLimit } = select(located, perLevel, perJob);
  const overflows = unlocatedTotal + overLimit.error + overLimit.warning + overLimit.notice > 0;
  if (overflows && options.reserveNoteSlot !== false) {
    // Reserving only shrinks the room, so there is still something to note after it.
    ({ chosen, overLimit } = select(
      located,
      { ...perLevel, notice: Math.max(0, perLevel.notice - 1) },
      Math.max(0, perJob - 1),
    ));
  }

  const omitted: AnnotationCounts = {
    error: overLimit.error + unlocated.error,
    warning: overLimit.warning + unlocated.warning,
    notice: overLimit.notice + unlocated.notice,
  };
  const result: AnnotationsResult = { annotations: chosen.map((f) => toAnnotation(f, rules)), omitted };
  if (overflows) {
    result.overflowNote = buildOverflowNote(omitted, unlocatedTotal, chosen.length > 0, options.places);
  }
  return result;
}

function buildOverflowNote(
  omitted: AnnotationCounts,
  unlocated: number,
  someShown: boolean,
  places: FullResultsPlaces | undefined,
): string {
  const total = omitted.error + omitted.warning + omitted.notice;
  const byLevel = LEVELS.filter((level) => omitted[level] > 0)
    .map((level) => `${omitted[level]} ${level}`)
    .join(', ');
  const reasons: string[] = [];
  if (total > unlocated) {
    reasons.push(
      `GitHub shows at most ${ANNOTATIONS_PER_STEP_PER_LEVEL} annotations of each level per step ` +
        `and ${ANNOTATIONS_PER_JOB} per job`,
    );
  }
  if (unlocated > 0) {
    reasons.push(`${countOf(unlocated, 'finding has', 'findings have')} no file location`);
  }
  const where = listFullResultsPlaces(places ?? { jobSummary: true });
  return (
    `${countOf(total, someShown ? 'more finding' : 'finding')} ${total === 1 ? 'is' : 'are'} ` +
    `not annotated (${byLevel}): ` +
    `${reasons.join('; ')}. See all findings in ${where}.`
  );
}
