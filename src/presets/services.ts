/** The services and sandbox preset: svc, srv, ns (phase B); newns, rfork, nsgroup, srvfs, adduser, su (phase C); 9P's import, exportfs and 9p. */
import { adduser } from '../bins/system/adduser.ts'
import { exportfs } from '../bins/system/exportfs.ts'
import { importCmd } from '../bins/system/import.ts'
import { ninep } from '../bins/system/ninep.ts'
import { newns } from '../bins/system/newns.ts'
import { ns } from '../bins/system/ns.ts'
import { nsgroup } from '../bins/system/nsgroup.ts'
import { rfork } from '../bins/system/rfork.ts'
import { srv } from '../bins/system/srv.ts'
import { srvfs } from '../bins/system/srvfs.ts'
import { su } from '../bins/system/su.ts'
import { svc } from '../bins/system/svc.ts'
import type { Preset } from '../image.ts'

export function servicesPreset(): Preset {
  return { name: 'services', bins: { svc, srv, ns, newns, rfork, nsgroup, srvfs, adduser, su, import: importCmd, exportfs, '9p': ninep } }
}
