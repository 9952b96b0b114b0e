import { benchRenderer } from './renderer';
void (async () => {
  for (const n of process.argv.slice(2).map(Number)) console.log(JSON.stringify(await benchRenderer(n)));
})();
