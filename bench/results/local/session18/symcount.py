import zlib, sys, glob
# Minimal raw-inflate symbol counter (literals, matches, blocks) for zlib level-6 streams of 64 KiB chunks.
class Bits:
    def __init__(s, d): s.d=d; s.p=0
    def get(s,n):
        v=0
        for i in range(n):
            v |= ((s.d[s.p>>3]>>(s.p&7))&1)<<i; s.p+=1
        return v
def build(lens):
    m={}
    code=0; bl=[0]*16
    for l in lens:
        if l: bl[l]+=1
    nxt=[0]*16
    for b in range(1,16):
        code=(code+bl[b-1])<<1; nxt[b]=code
    for sym,l in enumerate(lens):
        if l:
            m[(l,nxt[l])]=sym; nxt[l]+=1
    return m
def dec(b,m):
    c=0
    for l in range(1,16):
        c=(c<<1)|b.get(1)
        if (l,c) in m: return m[(l,c)]
    raise Exception('bad')
LB=[3,4,5,6,7,8,9,10,11,13,15,17,19,23,27,31,35,43,51,59,67,83,99,115,131,163,195,227,258]
LE=[0,0,0,0,0,0,0,0,1,1,1,1,2,2,2,2,3,3,3,3,4,4,4,4,5,5,5,5,0]
DE=[0,0,0,0,1,1,2,2,3,3,4,4,5,5,6,6,7,7,8,8,9,9,10,10,11,11,12,12,13,13]
def count(d):
    b=Bits(d); lit=mat=blocks=0; runs=0; prevlit=False
    while True:
        fin=b.get(1); bt=b.get(2); blocks+=1
        if bt==0:
            b.p=(b.p+7)&~7; n=b.get(16); b.get(16); b.p+=8*n
        else:
            if bt==1:
                lm=build([8]*144+[9]*112+[7]*24+[8]*8); dm=build([5]*30)
            else:
                hl=b.get(5)+257; hd=b.get(5)+1; hc=b.get(4)+4
                order=[16,17,18,0,8,7,9,6,10,5,11,4,12,3,13,2,14,1,15]
                cl=[0]*19
                for i in range(hc): cl[order[i]]=b.get(3)
                cm=build(cl); L=[]
                while len(L)<hl+hd:
                    s=dec(b,cm)
                    if s<16: L.append(s)
                    elif s==16: r=3+b.get(2); L+= [L[-1]]*r
                    elif s==17: L+=[0]*(3+b.get(3))
                    else: L+=[0]*(11+b.get(7))
                lm=build(L[:hl]); dm=build(L[hl:])
            while True:
                s=dec(b,lm)
                if s<256:
                    lit+=1
                    if not prevlit: runs+=1
                    prevlit=True
                elif s==256: break
                else:
                    i=s-257; b.get(LE[i]); ds=dec(b,dm); b.get(DE[ds]); mat+=1; prevlit=False
        if fin: break
    return lit,mat,runs,blocks
data=open(sys.argv[1],'rb').read()[:2<<20]
tot=[0,0,0,0]; n=0
for i in range(0,len(data),65536):
    c=zlib.compressobj(6,zlib.DEFLATED,-15); z=c.compress(data[i:i+65536])+c.flush()
    r=count(z); tot=[a+b for a,b in zip(tot,r)]; n+=1
    if n>=8: break
print(sys.argv[1], 'per 64 KiB chunk: literals %d matches %d literal runs %d blocks %.1f' % tuple([t/n for t in tot]))
