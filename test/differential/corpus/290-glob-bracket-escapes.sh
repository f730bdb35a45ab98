touch x.C x.- x.D x.E 'x.!'
echo *.[C\-D]
echo *.[\!C]
echo *.[!C-E]
echo *.["-"]
