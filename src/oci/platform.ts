// The OCI platform architectures images are built for (the config's and index's `architecture`).
export type Arch = 'amd64' | 'arm64';
