printf '%05d|%-05d|%+05d|%05s|%05c|\n' 42 3 4 ab c
printf '%05b|%5b|%-4b|%.2b|\n' z x y abc
printf '%.0s|%.0d|%.d|%0.3d|%.1s\n' abc 0 0 7 xyz
printf '%010.3f|%08.3x|%-#6o|\n' 3.14159 255 8
printf '%*.*s|%-*s|\n' 6 2 abcdef 4 ab
