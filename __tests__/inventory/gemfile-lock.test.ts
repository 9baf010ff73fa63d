import { describe, expect, it } from '@jest/globals';
import { gemfileLockParser } from '../../src/core/inventory/parsers/gemfile-lock.js';
import { LockfileError } from '../../src/core/inventory/types.js';
import { byId, contextWith, readFixture } from './support.js';

const context = (files?: Record<string, string>, path = 'Gemfile.lock') => contextWith(path, files);

describe('Gemfile.lock parser on a real lock (osv-scanner docs)', () => {
  const result = gemfileLockParser.parse(readFixture('gemfile-lock/Gemfile.lock'), context());

  it('reads every spec at its line, with the platform taken off the version', () => {
    expect(result.format).toBe('Gemfile.lock');
    expect(result.warnings).toEqual([]);
    expect(result.packages).toHaveLength(51);
    expect(byId(result.packages, 'ffi@1.17.4')).toMatchObject({ name: 'ffi', version: '1.17.4', line: 21, ecosystem: 'RubyGems' });
    expect(byId(result.packages, 'sass-embedded@1.102.0')).toMatchObject({ line: 104, dependencies: ['google-protobuf@4.35.1'] });
    expect(byId(result.packages, 'jekyll@4.4.1').line).toBe(29);
    expect(byId(result.packages, 'webrick@1.9.2')).toMatchObject({ line: 113, resolved: 'https://rubygems.org/' });
  });

  it('links the 6-space dependency lines to the locked specs', () => {
    expect(byId(result.packages, 'jekyll@4.4.1').dependencies).toHaveLength(18);
    expect(byId(result.packages, 'jekyll@4.4.1').dependencies).toContain('webrick@1.9.2');
    expect(byId(result.packages, 'just-the-docs@0.12.0').dependencies.sort()).toEqual([
      'jekyll-include-cache@0.2.2',
      'jekyll-seo-tag@2.9.0',
      'jekyll@4.4.1',
      'rake@13.4.2',
    ]);
  });

  it('roots the DEPENDENCIES that are locked for these platforms, as runtime without a Gemfile', () => {
    // tzinfo, tzinfo-data and wdm are for other platforms: direct but not locked here.
    expect(result.roots).toHaveLength(13);
    expect(result.roots.every((root) => root.scope === 'runtime')).toBe(true);
    expect(result.roots).toContainEqual({ id: 'http_parser.rb@0.8.1', scope: 'runtime' });
    expect(result.roots.some((root) => root.id.startsWith('tzinfo'))).toBe(false);
  });
});

describe('Gemfile.lock parser on git, path and platform sources with a Gemfile', () => {
  const folder = 'gemfile-lock-groups';
  const lock = readFixture(`${folder}/Gemfile.lock`);
  const result = gemfileLockParser.parse(lock, context({ Gemfile: readFixture(`${folder}/Gemfile`) }));

  it('keeps one package per version of a gem built for several platforms, at its first line', () => {
    expect(result.warnings).toEqual([]);
    expect(result.packages.filter((pkg) => pkg.name === 'nokogiri')).toEqual([
      expect.objectContaining({ id: 'nokogiri@1.16.5', line: 24 }),
    ]);
    expect(byId(result.packages, 'nokogiri@1.16.5').dependencies.sort()).toEqual(['mini_portile2@2.8.7', 'racc@1.8.0']);
    expect(result.packages).toHaveLength(11);
  });

  it('reads GIT sources as resolved and PATH sources as local, and the project from `remote: .`', () => {
    expect(byId(result.packages, 'jquery-rails@4.6.0')).toMatchObject({
      line: 6,
      resolved: 'git+https://github.com/rails/jquery-rails.git#a8b003d726522cf663611c114d8f0e79abf8d200',
      dependencies: ['railties@7.1.3.4', 'thor@1.3.1'],
    });
    expect(byId(result.packages, 'myapp@0.1.0')).toMatchObject({ line: 13, local: true, dependencies: ['rack@3.1.7'] });
    expect(byId(result.packages, 'billing@0.0.1')).toMatchObject({ line: 19, local: true });
    expect(result.project).toEqual({ name: 'myapp', version: '0.1.0' });
  });

  it('takes a SHA-256 from CHECKSUMS only when one build of the version is listed', () => {
    expect(byId(result.packages, 'rack@3.1.7').hashes).toEqual([
      { algorithm: 'SHA-256', hex: '1a7d7f2e4e5b7e1c2d5c1e5a9b5e3c2a1d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a' },
    ]);
    expect(byId(result.packages, 'nokogiri@1.16.5').hashes).toBeUndefined();
    expect(byId(result.packages, 'thor@1.3.1').hashes).toBeUndefined();
  });

  it('scopes direct gems from the Gemfile groups, `!` gems included', () => {
    expect(result.roots).toEqual([
      { id: 'billing@0.0.1', scope: 'runtime' },
      { id: 'jquery-rails@4.6.0', scope: 'runtime' },
      { id: 'myapp@0.1.0', scope: 'runtime' },
      { id: 'nokogiri@1.16.5', scope: 'runtime' },
      { id: 'rspec@3.13.0', scope: 'development' },
      { id: 'rubocop@1.65.0', scope: 'development' },
    ]);
  });

  it('reads gems.rb beside gems.locked', () => {
    const named = gemfileLockParser.parse(lock, context({ 'gems.rb': 'group :test do\n  gem "rspec"\nend\n' }, 'sub/gems.locked'));
    expect(named.roots).toContainEqual({ id: 'rspec@3.13.0', scope: 'development' });
    expect(named.roots).toContainEqual({ id: 'rubocop@1.65.0', scope: 'runtime' });
  });

  it('leaves every direct gem runtime, with a warning, when the Gemfile blocks do not balance', () => {
    const broken = gemfileLockParser.parse(lock, context({ Gemfile: 'group :test do\n  gem "rspec"\n' }));
    expect(broken.roots.every((root) => root.scope === 'runtime')).toBe(true);
    expect(broken.warnings).toEqual(['Gemfile: its blocks could not be followed; every direct gem is treated as runtime']);
    const extraEnd = gemfileLockParser.parse(lock, context({ Gemfile: 'gem "rspec", group: :test\nend\n' }));
    expect(extraEnd.roots.every((root) => root.scope === 'runtime')).toBe(true);
  });

  it('keeps a gem runtime when any declaration of it is outside development groups', () => {
    const gemfile = [
      'source "https://rubygems.org"',
      'gem "rspec", :group => [:development, :test]',
      'if ENV["CI"]',
      '  gem "rubocop", groups: %i[development test] # "#" in a comment',
      'end',
      'group :test, optional: true do',
      '  gem "rubocop"',
      '  gem "nokogiri"',
      'end',
      'gem "nokogiri" if RUBY_VERSION > "3"',
    ].join('\n');
    const scoped = gemfileLockParser.parse(lock, context({ Gemfile: gemfile }));
    expect(scoped.warnings).toEqual([]);
    expect(scoped.roots).toContainEqual({ id: 'rspec@3.13.0', scope: 'development' });
    expect(scoped.roots).toContainEqual({ id: 'rubocop@1.65.0', scope: 'development' });
    expect(scoped.roots).toContainEqual({ id: 'nokogiri@1.16.5', scope: 'runtime' });
  });
});

describe('Gemfile.lock parser on unusual input', () => {
  it('rejects text without any Bundler section', () => {
    expect(() => gemfileLockParser.parse('hello\nworld\n', context())).toThrow(
      new LockfileError('not a Gemfile.lock: no GEM, GIT, PATH, PLATFORMS or DEPENDENCIES section'),
    );
  });

  it('returns nothing for an empty file and warns about lines it does not understand', () => {
    expect(gemfileLockParser.parse('', context()).packages).toEqual([]);
    const result = gemfileLockParser.parse('GEM\n  remote: https://rubygems.org/\n  specs:\n    broken\n   odd\n    ok (1.0)\r\n', context());
    expect(result.packages.map((pkg) => [pkg.id, pkg.line])).toEqual([['ok@1.0', 6]]);
    expect(result.warnings).toEqual([
      'line 4: "broken" is not name (version); ignored',
      'line 5: "odd" is not understood; ignored',
    ]);
  });
});
