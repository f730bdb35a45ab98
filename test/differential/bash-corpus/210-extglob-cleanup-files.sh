shopt -s extglob nullglob
mkdir build && cd build
touch main.o util.o main.c util.c Makefile README.md notes.txt~
rm -f -- *.o *~
echo *
keep=(!(*.c))
echo "${#keep[@]}: ${keep[*]}"
for f in *.@(c|md); do echo "src: $f"; done
name=report-2024-01.csv
[[ $name == report-+([0-9])-+([0-9]).csv ]] && echo "dated report"
base=${name%.@(csv|tsv)}
echo "$base"
