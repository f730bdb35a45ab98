# printf %(FORMAT)T in the zone TZ names, exported or given to the one command
export TZ=Asia/Kolkata
printf '%(%F %T %Z %z)T\n' 1700000000
TZ=America/New_York printf '%(%F %T %Z)T\n' 1700000000 1720000000
TZ=JST-9 printf '%(%H:%M %Z)T\n' 0
TZ= printf '%(%H:%M %Z)T\n' 0
