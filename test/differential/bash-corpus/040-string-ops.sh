path=/home/user/docs/report.final.pdf
echo ${path##*/} ${path%/*} ${path##*.} ${path%.*}
name=${path##*/}; echo ${name%%.*}
s="  padded  "; t="${s#"${s%%[! ]*}"}"; echo "[${t%"${t##*[! ]}"}]"
csv="a,b,c"; echo ${csv//,/ }
echo ${#path}
upper=${name^^}; echo $upper
