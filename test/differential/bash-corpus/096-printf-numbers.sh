printf '%d %i\n' 042 0x10
printf '%.3e\n' 12345.678
printf '%g %g\n' 0.0001 1000000
printf '%+d % d\n' 5 5
printf '%-5d|\n' 42
