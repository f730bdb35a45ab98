if (exit 3); then echo yes; else echo "no $?"; fi
if true; then (exit 4); fi; echo $?
if false; then :; else (exit 2); fi; echo $?
