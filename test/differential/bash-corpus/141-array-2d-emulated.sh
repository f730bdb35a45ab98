declare -A grid
for r in 0 1 2; do for c in 0 1 2; do grid[$r,$c]=$((r*3+c)); done; done
for r in 0 1 2; do echo "${grid[$r,0]} ${grid[$r,1]} ${grid[$r,2]}"; done
