printf '%d %i %o %u %x %X\n' 255 -255 255 255 255 255
printf '%#o %#x %#X\n' 8 255 255
printf '%+d % d %+d\n' 5 5 -5
printf '%.3d|%6.3d|%-6.3d|\n' 7 7 7
printf '%e|%.2e|%E\n' 12345.678 0.000123 1
printf '%f|%.1f|%.0f|%.0f|%.0f\n' 3.14159 2.25 2.5 3.5 -0.5
printf '%g|%g|%g|%G\n' 100000 1000000 0.0001 1e-5
printf '%d\n' -0x10 2>/dev/null
printf '%5s|%-5s|%05d\n' ab ab -42
