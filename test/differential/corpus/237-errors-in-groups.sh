{ nonexistent_cmd_xyz; } 2>/dev/null
echo "st $?"
{ false; true; }; echo "st $?"
if { false; }; then echo t; else echo f; fi
