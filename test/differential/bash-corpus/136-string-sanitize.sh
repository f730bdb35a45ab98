name="My File (v2).txt"
safe=${name// /_}
safe=${safe//[^A-Za-z0-9._-]/}
echo "$safe"
slug=$(echo "Hello World Again" | tr '[:upper:]' '[:lower:]' | tr ' ' '-')
echo "$slug"
