if true; then echo a; fi; if true
then
echo b
fi
for i in 1; do echo c; done; while false; do :; done
{ echo d; }; (echo e)
