<div class="bonus bonus-quizzes" data-bonus-page="quizzes">
  <h1 class="fs-3 mb-2">{{tx("bonus:quizzes.title")}}</h1>
  <p class="text-secondary mb-3">{{tx("bonus:quizzes.intro")}}</p>
  {{{ if hasQuizzes }}}
  <div class="list-group" data-bonus="quiz-list">
    {{{ each quizzes }}}
    <a class="list-group-item list-group-item-action d-flex flex-wrap justify-content-between align-items-center gap-2" href="{./url}" data-bonus="quiz" data-quiz-id="{./id}">
      <span class="text-break">
        <span class="fw-semibold d-block">{./title}</span>
        <span class="small text-secondary">{{tx(./size)}}</span>
      </span>
      {{{ if ./taken }}}
      <span class="text-end small"><span class="badge text-bg-success">{{tx("bonus:quizzes.taken")}}</span> <span class="d-block">{{tx(./score)}}</span></span>
      {{{ else }}}
      <span class="btn btn-sm btn-primary">{{tx("bonus:quizzes.take")}}</span>
      {{{ end }}}
    </a>
    {{{ end }}}
  </div>
  {{{ else }}}
  <p class="text-secondary" data-bonus="no-quizzes">{{tx("bonus:quizzes.none")}}</p>
  {{{ end }}}
</div>
