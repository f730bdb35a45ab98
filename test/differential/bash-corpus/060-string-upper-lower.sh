name="Hello World"
echo "${name^^} ${name,,}"
word=bASH
echo "${word^} ${word,}"
