/bin/true; echo $?
/bin/false; echo $?
/bin/true ignored; echo $?
env false; echo $?
