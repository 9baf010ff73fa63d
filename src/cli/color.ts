import type { Severity } from '../core/severity.js';

/**
 * Whether to colour output: never with --no-color; FORCE_COLOR (as Node reads
 * it: any value but "0"/"false" forces colour, and it overrides NO_COLOR);
 * never when NO_COLOR is set to a non-empty value (no-color.org) or TERM is
 * "dumb"; otherwise only when the stream is a terminal.
 */
export function shouldUseColor(options: { isTTY: boolean | undefined; env: NodeJS.ProcessEnv; noColorFlag: boolean }): boolean {
  const { env } = options;
  if (options.noColorFlag) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return options.isTTY === true;
}

export interface Palette {
  bold(text: string): string;
  dim(text: string): string;
  severity(severity: Severity, text: string): string;
  fail(text: string): string;
  ok(text: string): string;
}

const sgr = (open: string, close: string) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const identity = (text: string) => text;

const SEVERITY_STYLE: Record<Severity, (text: string) => string> = {
  critical: (text) => sgr('1', '22')(sgr('31', '39')(text)),
  high: sgr('31', '39'),
  medium: sgr('33', '39'),
  low: sgr('36', '39'),
  note: sgr('2', '22'),
};

/** ANSI styles, or pass-through functions when colour is off. */
export function createPalette(color: boolean): Palette {
  if (!color) {
    return { bold: identity, dim: identity, severity: (_, text) => text, fail: identity, ok: identity };
  }
  return {
    bold: sgr('1', '22'),
    dim: sgr('2', '22'),
    severity: (severity, text) => SEVERITY_STYLE[severity](text),
    fail: sgr('31', '39'),
    ok: sgr('32', '39'),
  };
}
