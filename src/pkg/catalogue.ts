/** The packages shipped with ninefold (`packages/`), installable by name with `pkg install`. */
export interface CatalogueEntry {
  description: string
  load: () => Promise<unknown>
}

export const catalogue: Readonly<Record<string, CatalogueEntry>> = {
  'webcam-device': {
    description: 'a camera as a fileserver: frame.jpg, ctl and status (webcam-srv)',
    load: () => import('../../packages/webcam-device/index.ts'),
  },
  ramfs: {
    description: 'a fresh RAM filesystem posted to /srv (ramfs-srv)',
    load: () => import('../../packages/ramfs/index.ts'),
  },
}
