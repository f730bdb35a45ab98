ls nope 2>/dev/null; echo "st $?"
touch f; ls f nope 2>/dev/null; echo "st $?"
ls f; echo "st $?"
