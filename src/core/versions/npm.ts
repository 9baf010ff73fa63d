/**
 * npm: node-semver in loose mode, as npm itself reads versions (a leading `v`
 * or `=`, surrounding spaces, `1.2.3beta`). SemVer 2 precedence; build
 * metadata does not take part.
 */
import semver from 'semver';
import { invalidVersion, type VersionOrdering } from './ordering.js';

export const npmOrdering: VersionOrdering<semver.SemVer> = {
  parse(version) {
    try {
      return new semver.SemVer(version, { loose: true });
    } catch (error) {
      // node-semver's messages repeat the version; keep only its reason when it has one of its own.
      const message = error instanceof Error ? error.message : '';
      const reason = /^Invalid Version/.test(message) || /[\r\n]/.test(message) ? 'not a SemVer version' : message;
      throw invalidVersion('npm', version, reason || 'not a SemVer version');
    }
  },
  compare(left, right) {
    return left.compare(right);
  },
};
