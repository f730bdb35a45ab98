# time reports in TIMEFORMAT's form: %[p][l]R/U/S, %%, an empty format prints nothing, a bad one is an error
TIMEFORMAT='took %0R s, %% of it %0U'; time true
{ TIMEFORMAT='[%0lR]'; time true; } 2>&1 | cat
TIMEFORMAT=''; time true
TIMEFORMAT='%q'; time true
TIMEFORMAT='trailing %'; time true
echo done
