printf '%b|\n' 'tab\there' 'oct\0101' 'back\\slash'
printf '%b\n' 'stop\chere' 'next'
printf 'after\n'
