# full line comment
echo a # trailing
echo b#c
  # indented comment
echo "#quoted" '#single'
