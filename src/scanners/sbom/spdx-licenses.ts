import type { ComponentLicense } from './components.js';
import { licenseRefFor, licenseRefsOf } from './licenses.js';
import { NOASSERTION } from './spdx-locations.js';

/** SPDX 2.3 §10: a licence that is not on the SPDX list, described in the document. */
export interface ExtractedLicensingInfo {
  licenseId: string;
  extractedText: string;
  name: string;
  comment: string;
}

/** A licence name in `name`: one line, short. */
function shortName(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 100 ? `${line.slice(0, 97)}...` : line;
}

/**
 * The `licenseDeclared` of each package and the `hasExtractedLicensingInfos`
 * they need. A valid expression is written as it is; text that is not one
 * becomes a `LicenseRef-` whose extracted text is that text (what the package
 * metadata said, verbatim), rather than NOASSERTION: the declaration exists,
 * it is just not on the SPDX list. Every `LicenseRef-` an expression uses
 * is described too, as SPDX requires. Refs are compared case-insensitively
 * (SPDX matches licence ids that way); the first package in key order
 * provides the text.
 */
export class SpdxLicenseCollector {
  private readonly extracted = new Map<string, ExtractedLicensingInfo & { users: string[] }>();

  declared(license: ComponentLicense | undefined, user: string): string {
    if (!license) return NOASSERTION;
    if ('expression' in license) {
      const { expression } = license;
      for (const ref of licenseRefsOf(expression)) {
        this.note(ref, expression, `The package metadata names ${ref} in the expression ${JSON.stringify(shortName(expression))} without its text`, user);
      }
      // Each ref as first spelled, so every use matches its description whether a reader compares case or not.
      return expression.replace(/LicenseRef-[A-Za-z0-9.-]+/g, (ref) => this.extracted.get(ref.toLowerCase())!.licenseId);
    }
    return this.note(licenseRefFor(license.name), license.name, 'Declared in the package metadata as this text, which is not an SPDX licence expression', user);
  }

  /** Records a use of the ref; returns its spelling in the document. */
  private note(ref: string, text: string, comment: string, user: string): string {
    const id = ref.toLowerCase();
    const known = this.extracted.get(id);
    if (known) {
      if (known.users[known.users.length - 1] !== user) known.users.push(user);
      return known.licenseId;
    }
    this.extracted.set(id, { licenseId: ref, extractedText: text, name: shortName(text), comment, users: [user] });
    return ref;
  }

  /** The licences to describe, sorted by id, each saying which packages use it. */
  infos(): ExtractedLicensingInfo[] {
    return [...this.extracted.values()]
      .map(({ users, ...info }) => {
        const listed = users.slice(0, 5).join(', ');
        const more = users.length > 5 ? ` and ${users.length - 5} more` : '';
        return { ...info, comment: `${info.comment}; used by ${listed}${more}.` };
      })
      .sort((a, b) => (a.licenseId < b.licenseId ? -1 : a.licenseId > b.licenseId ? 1 : 0));
  }
}
