export declare function findElectronBinary(): { path: string } | { reason: string };
