/** The services and sandbox preset: svc, srv, ns, newns, rfork, nsgroup, srvfs, adduser, su. */
import { serviceCommands } from '../bins/registry.ts'
import type { Preset } from '../image.ts'

export function servicesPreset(): Preset {
  return { name: 'services', bins: serviceCommands }
}
