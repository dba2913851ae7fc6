set -u
for i in 1 2; do
  echo "== real backend"; bash .gpu/run.sh .gpu/hosttime.mjs 4096 1000
  echo "== null backend"; DAWN_FLAGS=backend=null bash .gpu/run.sh .gpu/hosttime.mjs 4096 1000
done > $OUT/s12d-hosttime.txt 2>&1
mkdir -p /tmp/prof-real /tmp/prof-null
CASE=plain bash .gpu/run.sh --cpu-prof --cpu-prof-dir=/tmp/prof-real --cpu-prof-interval 100 .gpu/hosttime.mjs 4096 2000 >> $OUT/s12d-hosttime.txt 2>&1
CASE=plain DAWN_FLAGS=backend=null bash .gpu/run.sh --cpu-prof --cpu-prof-dir=/tmp/prof-null --cpu-prof-interval 100 .gpu/hosttime.mjs 4096 2000 >> $OUT/s12d-hosttime.txt 2>&1
cp /tmp/prof-real/*.cpuprofile $OUT/s12d-real.cpuprofile; cp /tmp/prof-null/*.cpuprofile $OUT/s12d-null.cpuprofile
nproc >> $OUT/s12d-hosttime.txt; lscpu | grep -i "model name\|mhz" >> $OUT/s12d-hosttime.txt
cat $OUT/s12d-hosttime.txt; ls -la $OUT
