/** The services preset: svc, srv and ns (phase B). */
import { ns } from '../bins/system/ns.ts'
import { srv } from '../bins/system/srv.ts'
import { svc } from '../bins/system/svc.ts'
import type { Preset } from '../image.ts'

export function servicesPreset(): Preset {
  return { name: 'services', bins: { svc, srv, ns } }
}
