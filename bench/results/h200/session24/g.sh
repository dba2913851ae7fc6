# Session 24 run g: the piece decoder's workgroup size (WG 96 shipped; the copy lanes are WG - 32), since
# its copy lanes carry the links: wg64, wg128, wg160 (bundles from new with INFLATE_PIECES_WGSL's WG
# patched, variants.py.txt mkvar4) against new. Alternated twice; 1 and 4 MiB Deflate, text and x86 code.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
t0=$(date +%s)
for pass in 1 2; do for b in new wg64 wg128 wg160; do
  echo "=== pass $pass $b (t=$(( $(date +%s) - t0 )) s)"
  bash .gpu/run.sh .gpu/s24/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary --sizes 1048576,4194304 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
echo "=== end (t=$(( $(date +%s) - t0 )) s)"
