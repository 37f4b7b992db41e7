// Read-only first window: the database, the register summary and the Annex A register.
// Replaced by the full Vite UI (issue 5); all invoke calls of this page stay in this one file.
const invoke = (cmd, args) => window.__TAURI__.core.invoke(cmd, args);

const FRAMEWORKS = {
  "iso27001-2022": "ISO/IEC 27001:2022 附属書A",
  "iso27017-2015": "ISO/IEC 27017:2015 クラウド拡張管理策",
  "iso27002-2013": "ISO/IEC 27002:2013",
};
const STATUS = {
  not_started: "未着手",
  planned: "計画済み",
  partially_implemented: "一部実施",
  implemented: "実施済み",
};
const THEMES = {
  organizational: "5 組織的管理策",
  people: "6 人的管理策",
  physical: "7 物理的管理策",
  technological: "8 技術的管理策",
};

function cell(tr, text, cls) {
  const td = document.createElement("td");
  td.textContent = text;
  if (cls) td.className = cls;
  tr.appendChild(td);
}

async function load() {
  const info = await invoke("database_info");
  document.getElementById("database").textContent =
    `${info.organisation || "組織名未設定"} — ${info.path}`;

  const summary = await invoke("register_summary");
  const sbody = document.querySelector("#summary tbody");
  for (const s of summary) {
    const tr = document.createElement("tr");
    cell(tr, FRAMEWORKS[s.framework] ?? s.framework);
    for (const n of [s.controls, s.applicable, s.not_applicable, s.undecided, s.implemented]) cell(tr, String(n), "num");
    sbody.appendChild(tr);
  }

  const entries = await invoke("list_controls", { filter: { framework: "iso27001-2022" } });
  const rbody = document.querySelector("#register tbody");
  let theme = null;
  for (const e of entries) {
    if (e.theme !== theme) {
      theme = e.theme;
      const tr = document.createElement("tr");
      tr.className = "theme";
      const td = document.createElement("td");
      td.colSpan = 5;
      td.textContent = THEMES[theme] ?? theme;
      tr.appendChild(td);
      rbody.appendChild(tr);
    }
    const tr = document.createElement("tr");
    tr.dataset.control = e.id;
    cell(tr, e.id);
    cell(tr, e.title_ja);
    cell(tr, e.applicable === null ? "未決定" : e.applicable ? "○" : "×");
    cell(tr, STATUS[e.status] ?? e.status);
    cell(tr, e.responsible_role);
    rbody.appendChild(tr);
  }
}

load().catch((err) => {
  const el = document.getElementById("error");
  el.hidden = false;
  el.textContent = `エラー: ${err && err.message ? err.message : String(err)}`;
});
