x=1; unset x; echo "[${x-unset}]"
y=; echo "[${y-unset}]"
export z=1; unset z; sh -c 'echo "[${z-unset}]"'
unset never_set; echo "st $?"
