mkdir -p proj/{src,test,docs}
ls proj
touch proj/src/{main,util}.c
ls proj/src
