touch a.txt b.txt
shopt -s nullglob
for f in *.none; do echo never; done
echo [*.none]
shopt -u nullglob
echo *.none
mkdir -p d/e/f; touch d/x.txt d/e/f/y.txt
shopt -s globstar
echo **/*.txt
shopt globstar
shopt -q nullglob || echo nullglob-off
