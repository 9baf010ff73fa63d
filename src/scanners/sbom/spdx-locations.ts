/**
 * SPDX `downloadLocation` values (SPDX 2.3 §7.7): a URL, a VCS location
 * `<vcs>+<transport>://<host>/<path>[@<revision>][#<sub-path>]`, or
 * NOASSERTION. An SBOM is published, so credentials never go in: a password
 * is always dropped, a user name too except `git@` style SSH logins, and the
 * query and fragment of a download URL (a registry token or yarn's hash).
 */

export const NOASSERTION = 'NOASSERTION';

/** A download URL without credentials, query or fragment; undefined when it is not an http(s) URL. */
export function downloadUrlOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    parsed.hash = '';
    return parsed.toString();
  } catch {
    return undefined;
  }
}

/**
 * A VCS location from a lockfile's git source (`git+ssh://git@github.com/o/r.git#<sha>`):
 * npm and others write the commit as a fragment, which SPDX reads as a
 * sub-path, so a commit or ref name moves to `@`; anything else after `#`
 * (a semver range) is dropped.
 */
export function vcsLocationOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const match = /^(git\+[a-z]+|git):\/\/([^#]*)(?:#(.*))?$/i.exec(url.trim());
  if (!match) return undefined;
  const [, scheme, rest, fragment] = match;
  try {
    const parsed = new URL(`https://${rest}`);
    const ssh = /ssh/i.test(scheme!);
    const user = ssh && parsed.username !== '' && parsed.password === '' ? `${parsed.username}@` : '';
    const path = parsed.pathname === '/' ? '' : parsed.pathname;
    const revision = fragment !== undefined && /^[A-Za-z0-9._-]+$/.test(fragment) ? `@${fragment}` : '';
    return `${scheme!.toLowerCase()}://${user}${parsed.host}${path}${revision}`;
  } catch {
    return undefined;
  }
}

/**
 * The repository at a commit (`git+https://github.com/o/r@<sha>`), and a
 * folder of it as a sub-path (`#packages/a`): where a workspace's code is.
 */
export function repositoryLocationOf(repositoryUrl: string | undefined, commit: string | undefined, folder?: string): string | undefined {
  const base = downloadUrlOf(repositoryUrl);
  if (!base) return undefined;
  const revision = commit && /^[A-Za-z0-9._-]+$/.test(commit) ? `@${commit}` : '';
  const subPath = folder && folder !== '.' ? `#${folder.split('/').map(encodeURIComponent).join('/')}` : '';
  return `git+${base.replace(/\/+$/, '')}${revision}${subPath}`;
}
