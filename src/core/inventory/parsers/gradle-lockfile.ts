import type { LockfileParser, ParseContext, ParsedLockfile, ParsedPackage } from '../types.js';
import { forEachLine } from './line-index.js';
import { capWarnings } from './line-warnings.js';

/**
 * Gradle dependency locks: `gradle.lockfile` (Gradle 6+), one line per module,
 * `group:artifact:version=configuration,configuration`; and the older
 * per-configuration files `gradle/dependency-locks/<configuration>.lockfile`,
 * the same lines without `=…`.
 *
 * A lock lists the resolved closure of each configuration without saying
 * which modules the build script asked for, so there are no roots; a module
 * that only test configurations resolve is a development one.
 */
export const gradleLockfileParser: LockfileParser = { format: 'gradle.lockfile', parse: parseGradleLockfile };

function parseGradleLockfile(text: string, context: ParseContext): ParsedLockfile {
  const warnings: string[] = [];
  const fileConfiguration = configurationFromPath(context.path);
  const modules = new Map<string, { pkg: ParsedPackage; configurations: Set<string> }>();

  forEachLine(text, (raw, lineNumber) => {
    const line = raw.trim();
    // `empty=` names the configurations that resolve to nothing.
    if (line === '' || line.startsWith('#') || line.startsWith('empty=')) return;

    const equals = line.indexOf('=');
    const coordinates = equals === -1 ? line : line.slice(0, equals);
    let configurations: string[];
    if (equals !== -1) {
      configurations = line
        .slice(equals + 1)
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean);
    } else if (fileConfiguration !== undefined) {
      configurations = [fileConfiguration];
    } else {
      warnings.push(`line ${lineNumber}: "${truncate(line)}" names no configuration (expected group:artifact:version=configurations)`);
      return;
    }
    const parts = coordinates.split(':');
    if (parts.length !== 3 || parts.some((part) => part.trim() === '')) {
      warnings.push(`line ${lineNumber}: "${truncate(coordinates)}" is not group:artifact:version`);
      return;
    }
    const [group, artifact, version] = parts.map((part) => part.trim()) as [string, string, string];
    const name = `${group}:${artifact}`;
    const id = `${name}@${version}`;
    let module = modules.get(id);
    if (!module) {
      module = { pkg: { id, ecosystem: 'Maven', name, version, line: lineNumber, dependencies: [] }, configurations: new Set() };
      modules.set(id, module);
    }
    for (const configuration of configurations) module.configurations.add(configuration);
  });

  const packages = [...modules.values()].map(({ pkg, configurations }) => {
    const names = [...configurations];
    // A module with no configuration listed is kept at runtime: no evidence it is test-only.
    const testOnly = names.length > 0 && names.every(isTestConfiguration);
    return { ...pkg, scope: testOnly ? ('development' as const) : ('runtime' as const) };
  });
  return { format: 'gradle.lockfile', packages, roots: [], warnings: capWarnings(warnings) };
}

/**
 * Test configurations by Gradle's and the Android plugin's naming:
 * `testCompileClasspath`, `testFixturesRuntimeClasspath`,
 * `integrationTestRuntimeClasspath`, `debugUnitTestCompileClasspath`,
 * `androidTestRuntimeClasspath`.
 */
function isTestConfiguration(name: string): boolean {
  return name.startsWith('test') || name.includes('Test');
}

/** `gradle/dependency-locks/compileClasspath.lockfile` → `compileClasspath`; undefined for gradle.lockfile. */
function configurationFromPath(path: string): string | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (base === 'gradle.lockfile' || !base.endsWith('.lockfile')) return undefined;
  const name = base.slice(0, -'.lockfile'.length);
  return name === '' ? undefined : name;
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
