echo if then else fi
echo "for" 'while' do done
x=done; echo $x
echo case in esac
