mkdir d && cd d
mkdir sub; touch file
ls -p
ls -F
