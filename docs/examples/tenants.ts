import { boot, Memfs, stdSystem, type RunOptions } from 'ninefold'

// Two tenants on one system, each in a clean, frozen namespace of their own.
export async function tenants() {
  const sys = await boot({ presets: [stdSystem()] })
  await sys.run('adduser alice && adduser bob && echo "shared notes" > /usr/share/README', { user: 'root' })

  const sandbox = (user: string): RunOptions => ({
    user,
    rfork: 'Nm', // clean namespace (N), then no more mounts ever (m)
    namespace: [
      { bind: '#b', at: '/bin' }, // the commands
      { mount: new Memfs({ owner: user, mode: 0o700 }), at: '/home', flags: 'c' }, // a private ramfs
      { bind: '/usr/share', at: '/usr/share', flags: 'r' }, // the system's /usr/share, read-only
    ],
    cwd: '/home',
    env: { HOME: '/home' },
  })
  return { sys, alice: sandbox('alice'), bob: sandbox('bob') }
}
