/** bc against GNU bc (/usr/bin/bc): programs on standard input, with and without -l; same output and status. */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { System } from '../../src/image.ts'
import { both, bootFiles } from './filesfixture.ts'

let sys: System
before(async () => {
  sys = await bootFiles()
})
after(async () => {
  await sys.shutdown()
})

const PROGRAMS = [
  '1+2', '0.00', '.5', '-0.5', '-.25*4', '1/3', 'scale=2;1/3', 'scale=2;0/1', '2^100', '2^-2', '(-2)^3', '-2^2', '2^0', '0^0', '1.5^3', '.1^5',
  'scale=5;2^-3', 'x=3.50;x', 'scale=20;1/7', 'scale=30;22/7', '7%3', 'scale=2;7.5%2', '-7%3', 'scale=0;-7/2', '10/4', 'scale=3;10/4',
  '1.23*4.5', 'scale=1;1.23*4.567', 'scale=10;1.23*4.567', '123456789012345678901234567890*987654321098765432109876543210',
  '2^300', 'obase=16;255;-255;10.5', 'obase=2;10;0.5', 'obase=20;1234', 'obase=8;64;-9', 'obase=16;scale=10;1/3',
  'ibase=16;FF;A;1F.8', 'ibase=2;1010;ibase=1010;10', 'ibase=16;obase=2;F', 'length(123.45);scale(1.50);length(0);length(.001)',
  'sqrt(2)', 'scale=30;sqrt(2)', 'sqrt(16);sqrt(0.25);sqrt(1000000)', 'scale=4;sqrt(10)',
  '1<2;2<1;1==1;1!=1;2>=2;3<=2', '1&&0;1||0;!0;!5', 'a=5;a+=2;a;a-=1;a;a*=3;a;a/=4;a;a%=3;a;a^=2;a',
  'i=5;i++;i;++i;i--;--i;i', 'x[0]=1;x[1]=2;x[5]=x[0]+x[1];x[5];x[9]', 'for(i=0;i<5;i++) i', 'i=0;while(i<3){i;i=i+1}',
  'for(i=0;i<10;i++){if(i==3) continue; if(i==6) break; i}', 'if(1) 10 else 20', 'if(0) 10 else 20', 'if(0) 10\n5',
  'define f(n) { if (n<2) return (n); return (f(n-1)+f(n-2)); }\nf(15)', 'define s(x[]) { return x[0]+x[1] }\na[0]=3;a[1]=4;s(a[])',
  'define g(x) { auto y; y=x*2; return y }\ny=7;g(3);y', 'define h() { return }\nh()', 'define z(x) { x=5; return x }\nx=1;z(2);x',
  'define p(n) { auto i,r; r=1; for(i=1;i<=n;i++) r*=i; return r }\np(30)', '"str\\n"', 'print "a", 1, "\\n"', 'print "tab\\tq\\q\\n"',
  '(y=4)', 'y=4', 'last', '5;last+1;.+1', '2^1000', 'scale=100;1/3', '/* comment */ 1 # another\n2', '1;2;3', 'quit', '1\nquit\n2',
  'a=2+;3\n4', '1/0', '1/0\n5', 'sqrt(-1)\n7', 'x=1;halt;2', 'scale=-1', 'obase=1\n3', 'ibase=20;F', '99999999999999999999%7',
  'scale=3;-1.5%1', 'scale=6;3.14159*2', '1.000+2.5', '0.1+0.2', '1-0.999', '-(3)', '--3', 'scale=2;(1/3)*3',
]

const LIBRARY = [
  'scale=50; 4*a(1)', 'e(1); l(10); s(1); c(1); j(1,2)', 's(-3); e(-2); l(0.5); a(-5)', 'j(0,10); j(-3, 1.5)', 'scale=5;e(10)', 'scale=30;l(2)',
  'a(1);a(0.5);a(100)', 's(0);c(0);e(0);l(1)', 'scale=10;s(3.14159265)', 'scale=0;e(3)', '5/3', 'scale', 'c(-1);s(10)', 'scale=40;e(0.001)',
]

test('bc matches GNU bc', async () => {
  for (const program of PROGRAMS) {
    const { ours, theirs } = await both(sys, {}, ['bc'], program + '\n')
    assert.equal(ours.stdout, theirs.stdout, `bc <<< ${JSON.stringify(program)}\n${ours.stderr}`)
    assert.equal(ours.exitCode, theirs.exitCode, `status of ${JSON.stringify(program)}`)
  }
})

test('bc -l matches GNU bc -l', async () => {
  for (const program of LIBRARY) {
    const { ours, theirs } = await both(sys, {}, ['bc', '-l'], program + '\n')
    assert.equal(ours.stdout, theirs.stdout, `bc -l <<< ${JSON.stringify(program)}\n${ours.stderr}`)
  }
})

test('bc reads files, then standard input; quit in a file ends it', async () => {
  const files = { prog: 'define sq(x) { return x*x }\nsq(12)\n', q: '1\nquit\n' }
  for (const [argv, stdin] of [[['bc', 'prog'], 'sq(3)\n'], [['bc', 'q'], '5\n'], [['bc', '-q', 'prog', 'prog'], ''], [['bc', 'missing'], '']] as const) {
    const { ours, theirs } = await both(sys, files, [...argv], stdin)
    assert.equal(ours.stdout, theirs.stdout, argv.join(' '))
    assert.equal(ours.exitCode, theirs.exitCode, argv.join(' '))
  }
})
