printf '%.2f\n' 3.14159
printf '%f\n' 1
printf '%5.1f|\n' 2.25
printf '%e\n' 1234.5
printf '%g %g\n' 2.5 100000
