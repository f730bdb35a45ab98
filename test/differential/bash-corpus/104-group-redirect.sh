{
  echo line1
  echo line2
} > out.txt
wc -l < out.txt
{ echo err >&2; echo out; } 2>/dev/null
