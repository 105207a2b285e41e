import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseImageConfig, parseUser } from '../../src/image/image-config.ts';
import { parseImagesFile } from '../../src/settings/images-file.ts';
import { UsageError } from '../../src/errors.ts';

// The images file and the image config it declares: what is read, and what is refused with which line.

const FULL = `# images for CI
api:
  packages: [api, cacert]
  entrypoint: [/bin/api, --listen]
  cmd: --verbose
  env: { PORT: 8080, MODE: prod }
  user: "1000:100"
  workdir: /srv/app/
  ports: [8080, 53/UDP]
  labels: { org.opencontainers.image.description: The API, version: 2 }
  stop-signal: SIGINT
  platforms: [linux/arm64]
tools:
  packages: [shell, git, Hello]
`;

function fails(text: string, message: RegExp): void {
  assert.throws(
    () => parseImagesFile(text, 'images.yaml'),
    (error: unknown) => {
      assert.ok(error instanceof UsageError, `a usage error, not ${String(error)}`);
      assert.match(error.message, message);
      return true;
    },
  );
}

describe('images file', () => {
  it('reads every key, one image per key, with shell expanded and values normalised', () => {
    const [api, tools] = parseImagesFile(FULL, 'images.yaml');
    assert.deepEqual(api, {
      name: 'api',
      packages: ['api', 'cacert'],
      arch: 'arm64',
      platforms: ['arm64'],
      config: {
        entrypoint: ['/bin/api', '--listen'],
        cmd: ['--verbose'],
        env: { PORT: '8080', MODE: 'prod' },
        user: '1000:100',
        workdir: '/srv/app',
        ports: ['8080/tcp', '53/udp'],
        labels: { 'org.opencontainers.image.description': 'The API', version: '2' },
        stopSignal: 'SIGINT',
      },
    });
    assert.deepEqual(tools, {
      name: 'tools',
      packages: ['Hello', 'bashinteractive', 'coreutils', 'git', 'moreutils', 'nano'],
      arch: 'amd64',
      config: {},
    });
  });

  it('reads JSON, which is YAML', () => {
    const [image] = parseImagesFile('{"web": {"packages": ["nginx"], "env": ["A=1", "B=x=y"]}}', 'images.json');
    assert.deepEqual(image, { name: 'web', packages: ['nginx'], arch: 'amd64', config: { env: { A: '1', B: 'x=y' } } });
  });

  it('an unknown key names its line and the keys there are', () => {
    fails(
      'api:\n  packages: [a]\n\n  entrypiont: [/bin/a]\n',
      /^images\.yaml:4: image "api" has an unknown key "entrypiont"; the keys are packages, platforms, entrypoint/,
    );
  });

  it('bad values name their line', () => {
    fails('api:\n  packages: [a]\n  user: "app:staff"\n', /^images\.yaml:3: image "api": user "app:staff" is not a user name/);
    fails('api:\n  packages: [a]\n  ports:\n    - 80\n    - 70000\n', /^images\.yaml:5: image "api": port "70000" is not PORT/);
    fails(
      'api:\n  packages: [a]\n  env:\n    OK: 1\n    9LIVES: x\n',
      /^images\.yaml:5: image "api": env name "9LIVES" is not a variable name/,
    );
    fails('api:\n  packages: [a]\n  workdir: srv\n', /^images\.yaml:3: image "api": workdir "srv" is not an absolute path/);
    fails('api:\n  packages: [a]\n  workdir: /srv/../etc\n', /workdir "\/srv\/..\/etc": write it plainly, as \/etc/);
    fails('api:\n  packages: [a]\n  stop-signal: TERM\n', /stop-signal "TERM" is not a signal such as SIGTERM/);
    fails('api:\n  packages: [a]\n  env: { A: [1] }\n', /env\.A must be a string, not a list/);
    fails('api:\n  packages: [a]\n  labels: [a]\n', /labels is not a map/);
  });

  it('packages are required and must be names', () => {
    fails('api:\n  user: app\n', /image "api": packages is missing/);
    fails('api:\n  packages: []\n', /packages is not a list of package names/);
    fails('api:\n  packages: [ok, "rm -rf"]\n', /package "rm -rf" is not a package name/);
  });

  it('keys must be image names, the file a map, the YAML valid, keys unique', () => {
    fails('Api:\n  packages: [a]\n', /^images\.yaml:1: image name "Api": "Api" is not a valid name component/);
    fails('- api\n', /images\.yaml:1: an images file is a map from image names to images/);
    fails('api: [a\n', /^images\.yaml:\d+: not valid YAML or JSON: Flow sequence/);
    fails('api:\n  packages: [a]\napi:\n  packages: [b]\n', /not valid YAML or JSON: Map keys must be unique/);
    fails('', /lists no images|is a map/);
  });

  it('platforms are spelled as for --platform: a list or one comma-separated string; the first is the arch', () => {
    const [both] = parseImagesFile('api:\n  packages: [a]\n  platforms: [linux/arm64, linux/amd64, linux/arm64/v8]\n', 'i.yaml');
    assert.deepEqual([both!.arch, both!.platforms], ['arm64', ['arm64', 'amd64']]);
    const [csv] = parseImagesFile('api:\n  packages: [a]\n  platforms: linux/amd64,linux/arm64\n', 'i.yaml');
    assert.deepEqual([csv!.arch, csv!.platforms], ['amd64', ['amd64', 'arm64']]);
    fails(
      'api:\n  packages: [a]\n  platforms: [linux/amd64, windows/amd64]\n',
      /^images\.yaml:3: image "api": platforms: "windows\/amd64" is not a platform nixery builds/,
    );
  });
});

describe('image config users', () => {
  it('a name, a uid or uid:gid', () => {
    assert.deepEqual(parseUser('app'), { spelling: 'app', name: 'app', uid: 1000, gid: 1000 });
    assert.deepEqual(parseUser('1001'), { spelling: '1001', name: 'app', uid: 1001, gid: 1001 });
    assert.deepEqual(parseUser('1001:100'), { spelling: '1001:100', name: 'app', uid: 1001, gid: 100 });
    assert.deepEqual(parseUser('root'), { spelling: 'root', name: 'root', uid: 0, gid: 0 });
    assert.deepEqual(parseUser('65534'), { spelling: '65534', name: 'nobody', uid: 65534, gid: 65534 });
  });

  it('anything else is refused', () => {
    for (const bad of ['App', 'app:staff', '1000:', ':1000', '99999999999', 'a b', '']) {
      assert.throws(() => parseUser(bad), UsageError, bad);
    }
  });

  it('entrypoint and cmd take a string or a list of strings', () => {
    assert.deepEqual(parseImageConfig({ entrypoint: '/bin/a', cmd: ['-v', 2] }), { entrypoint: ['/bin/a'], cmd: ['-v', '2'] });
    assert.throws(() => parseImageConfig({ cmd: [] }), /cmd is not a list of strings/);
  });
});
