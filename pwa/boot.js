// Runs before the app, as a plain script, so that it works where the app cannot start.
// It loaded: the page's address is its folder's (index.html adds a missing final "/" otherwise).
window.paceBooted = true;
// Opened from a file (double-clicking index.html), browsers refuse to load the app's modules and
// the page would stay on 正在加载… for ever: say what to do instead.
if (location.protocol === 'file:') {
  document.addEventListener('DOMContentLoaded', () => {
    const message = document.querySelector('#skeleton .skeleton-message');
    if (!message) return;
    message.setAttribute('data-testid', 'opened-from-file');
    message.innerHTML =
      'Pace 不能直接从文件打开。请把 dist 文件夹放到网站服务器上（内网服务器即可），' +
      '再用浏览器打开它的网址；在本机可运行 <code>bash scripts/serve.sh</code>。' +
      '<br><span lang="en">Pace cannot run from a file (file://). Put the dist folder on a web ' +
      'server (an intranet one will do) and open its address; on this computer, run ' +
      '<code>bash scripts/serve.sh</code>.</span>';
  });
}
