import { describe, expect, it } from '@jest/globals';
import { purlOf } from '../../src/core/inventory/purl.js';
import type { Ecosystem } from '../../src/core/inventory/types.js';

describe('purlOf', () => {
  it.each([
    ['npm', '@babel/core', '7.24.0', 'pkg:npm/%40babel/core@7.24.0'],
    ['npm', 'lodash', '4.17.21', 'pkg:npm/lodash@4.17.21'],
    ['PyPI', 'Django_REST.framework', '3.15.1', 'pkg:pypi/django-rest.framework@3.15.1'],
    ['Go', 'golang.org/x/net', 'v0.23.0', 'pkg:golang/golang.org/x/net@v0.23.0'],
    ['crates.io', 'tokio', '1.38.0', 'pkg:cargo/tokio@1.38.0'],
    ['RubyGems', 'rack', '2.2.8.1', 'pkg:gem/rack@2.2.8.1'],
    ['Packagist', 'league/flysystem', '3.0.0', 'pkg:composer/league/flysystem@3.0.0'],
    ['Maven', 'org.apache.logging.log4j:log4j-core', '2.14.1', 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1'],
    ['NuGet', 'Newtonsoft.Json', '13.0.1', 'pkg:nuget/Newtonsoft.Json@13.0.1'],
    ['Pub', 'http', '1.2.1', 'pkg:pub/http@1.2.1'],
    ['Hex', 'phoenix', '1.7.12', 'pkg:hex/phoenix@1.7.12'],
  ] as Array<[Ecosystem, string, string, string]>)('%s %s %s', (ecosystem, name, version, purl) => {
    expect(purlOf(ecosystem, name, version)).toBe(purl);
  });

  it('leaves the version out when there is none', () => {
    expect(purlOf('npm', 'left-pad', undefined)).toBe('pkg:npm/left-pad');
  });
});
