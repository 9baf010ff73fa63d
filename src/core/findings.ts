import { z } from 'zod';
import { severitySchema, severityRank, reachesThreshold, type FailOn } from './severity.js';

/** A place in a file: path relative to the repository root, 1-based lines and columns. */
export const locationSchema = z.object({
  path: z.string().min(1),
  startLine: z.number().int().positive(),
  startColumn: z.number().int().positive().optional(),
  endLine: z.number().int().positive().optional(),
  /** Exclusive, as in SARIF. */
  endColumn: z.number().int().positive().optional(),
});
export type Location = z.infer<typeof locationSchema>;

export const packageRefSchema = z.object({
  ecosystem: z.string(),
  name: z.string(),
  version: z.string().optional(),
  purl: z.string().optional(),
  fixedVersion: z.string().optional(),
});

export const advisoryRefSchema = z.object({
  id: z.string(),
  aliases: z.array(z.string()).default([]),
  url: z.string().optional(),
});

export const commitRefSchema = z.object({
  sha: z.string(),
  author: z.string().optional(),
  date: z.string().optional(),
});

/**
 * The one shape every scanner reports and every output is built from. Producers
 * fill `fingerprint` with something that survives edits that move lines (see
 * fingerprint.ts); `isNew` is undefined when no base was compared.
 */
export const findingSchema = z.object({
  /** The tool that found it: `devsecops` for ours, the SARIF driver name for others. */
  tool: z.string().default('devsecops'),
  ruleId: z.string().min(1),
  severity: severitySchema,
  /** 0–10, as GitHub's security-severity. */
  score: z.number().min(0).max(10),
  message: z.string(),
  location: locationSchema.optional(),
  fingerprint: z.string().min(1),
  isNew: z.boolean().optional(),
  /** What the developer should do next: fix version, rotation steps, the policy rule. */
  remediation: z.string().optional(),
  tags: z.array(z.string()).default([]),
  package: packageRefSchema.optional(),
  advisory: advisoryRefSchema.optional(),
  commit: commitRefSchema.optional(),
  /** Free-form data a producer wants carried to SARIF `properties` (never secret values). */
  properties: z.record(z.string(), z.unknown()).optional(),
});
export type Finding = z.infer<typeof findingSchema>;
export type FindingInput = z.input<typeof findingSchema>;

/** Describes a rule once, so SARIF `rules`, help text and summaries agree. */
export const ruleDescriptorSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  shortDescription: z.string(),
  fullDescription: z.string().optional(),
  helpMarkdown: z.string().optional(),
  helpUri: z.string().optional(),
  tags: z.array(z.string()).default([]),
  precision: z.enum(['very-high', 'high', 'medium', 'low']).default('high'),
  /** The default score of the rule's findings, for SARIF `security-severity`. */
  score: z.number().min(0).max(10),
  /** Extra data for the SARIF rule's `properties` (e.g. an advisory's aliases); the writer's own keys win. */
  properties: z.record(z.string(), z.unknown()).optional(),
});
export type RuleDescriptor = z.infer<typeof ruleDescriptorSchema>;
export type RuleDescriptorInput = z.input<typeof ruleDescriptorSchema>;

/** A file or input that was not scanned, and why: never silent. */
export const skippedItemSchema = z.object({
  path: z.string(),
  reason: z.string(),
});
export type SkippedItem = z.infer<typeof skippedItemSchema>;

/** Most severe first, then by path and line, so every output lists findings in one order. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    b.score - a.score ||
    (a.location?.path ?? '').localeCompare(b.location?.path ?? '') ||
    (a.location?.startLine ?? 0) - (b.location?.startLine ?? 0) ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.fingerprint.localeCompare(b.fingerprint)
  );
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

/** Findings that fail the run: new ones when a base was compared, all of them otherwise. */
export function failingFindings(findings: readonly Finding[], failOn: FailOn): Finding[] {
  return findings.filter((f) => f.isNew !== false && reachesThreshold(f.severity, failOn));
}
