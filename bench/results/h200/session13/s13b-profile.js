const p=JSON.parse(require("fs").readFileSync(process.argv[2]));
const byId=new Map(p.nodes.map(n=>[n.id,n])); const parent=new Map();
for(const n of p.nodes) for(const c of n.children||[]) parent.set(c,n.id);
const root=process.argv[3]||'cuMemBatchDecompressAsync';
const cnt=new Map(); p.samples.forEach((s,i)=>cnt.set(s,(cnt.get(s)||0)+(p.timeDeltas[i+1]??0)));
const name=n=>n.callFrame.functionName+":"+n.callFrame.lineNumber;
let tot=0, inRoot=0; const self=new Map(); const total=new Map();
for(const [id,us] of cnt){ tot+=us; let x=id, under=false; const chain=[];
  while(x!==undefined){const n=byId.get(x); chain.push(name(n)); if(n.callFrame.functionName===root) {under=true;break;} x=parent.get(x);}
  if(!under) continue; inRoot+=us; const k=name(byId.get(id)); self.set(k,(self.get(k)||0)+us);
  for(const c of new Set(chain)) total.set(c,(total.get(c)||0)+us);}
console.log("total ms",(tot/1e3).toFixed(0),"under",root,(inRoot/1e3).toFixed(1));
console.log("-- self"); [...self].sort((a,b)=>b[1]-a[1]).slice(0,25).forEach(([k,v])=>console.log((v/1e3).toFixed(1).padStart(8),k));
console.log("-- total"); [...total].sort((a,b)=>b[1]-a[1]).slice(0,25).forEach(([k,v])=>console.log((v/1e3).toFixed(1).padStart(8),k));
