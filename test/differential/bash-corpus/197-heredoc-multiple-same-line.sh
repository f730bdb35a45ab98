paste <(cat <<A
1
2
A
) <(cat <<B
x
y
B
)
