import { readFileSync } from 'node:fs';
const file='dist/connect-attachment-upload.min.js';
const code=readFileSync(file,'utf8'); const map=JSON.parse(readFileSync(file+'.map','utf8'));
const B64='ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const want=process.argv[2];
let out='';const lines=code.split('\n');const ml=map.mappings.split(';');let src=0,g='';
lines.forEach((line,li)=>{let col=0,from=0;for(const seg of (ml[li]||'').split(',')){if(!seg)continue;const v=[];let val=0,sh=0;for(const ch of seg){const d=B64.indexOf(ch);val+=(d&31)<<sh;if(d&32)sh+=5;else{v.push(val&1?-(val>>>1):val>>>1);val=0;sh=0}}col+=v[0];if(v.length>1)src+=v[1];if(g.includes(want))out+=line.slice(from,col);from=col;g=v.length>1?map.sources[src]:'';}if(g.includes(want))out+=line.slice(from);});
console.log(out);
