import json,sys
for f in sys.argv[1:]:
  j=json.load(open(f))
  print(f"{'model':20} {'frame':24} {'backend':15} {'total':>7} {'gemm':>7} {'maps':>6} {'dense':>7} {'other':>6}")
  for r in j['runs']:
    if r['backend']=='cpu': continue
    L=r['layers']; g=sum(l['ms'] for l in L if l['kind']=='implicit_gemm'); m=sum(l['ms'] for l in L if l['kind']=='kernel_map'); d=sum(l['ms'] for l in L if l['kind']=='to_dense'); o=sum(l['ms'] for l in L)-g-m-d
    print(f"{r['model']:20} {r['frame'][:24]:24} {r['backend']:15} {r['total_ms']['median']:7.2f} {g:7.3f} {m:6.3f} {d:7.3f} {o:6.3f}")
