<div class="acp-page-container bonus-admin" data-bonus-page="admin-quizzes">
  <h1 class="fs-4 mb-2">{{tx("bonus:quizzes.admin-title")}}</h1>
  <p class="text-secondary small">{{tx("bonus:quizzes.admin-intro")}}</p>

  {{{ if hasQuizzes }}}
  <div class="mb-4" data-bonus="quiz-results">
    {{{ each quizzes }}}
    <section class="card mb-3" data-bonus="quiz-row" data-quiz-id="{./id}">
      <div class="card-header d-flex flex-wrap align-items-center gap-2">
        <span class="fw-semibold text-break me-auto">#{./id} {./title}</span>
        {{{ if ./published }}}<span class="badge text-bg-success">{{tx("bonus:quizzes.published")}}</span>{{{ else }}}<span class="badge text-bg-secondary">{{tx("bonus:quizzes.draft")}}</span>{{{ end }}}
        <span class="small">{{tx(./attempts)}} · {{tx(./paid)}}</span>
        <a class="btn btn-sm btn-outline-secondary" href="{./editUrl}">{{tx("bonus:quizzes.edit")}}</a>
        {{{ if ./published }}}
        <button type="button" class="btn btn-sm btn-outline-warning" data-bonus="publish" data-published="false" data-quiz-id="{./id}">{{tx("bonus:quizzes.withdraw")}}</button>
        {{{ else }}}
        <button type="button" class="btn btn-sm btn-primary" data-bonus="publish" data-published="true" data-quiz-id="{./id}">{{tx("bonus:quizzes.publish")}}</button>
        {{{ end }}}
      </div>
      <div class="card-body">
        <div class="table-responsive">
          <table class="table table-sm mb-2" data-bonus="per-question">
            <thead><tr><th scope="col">{{tx("bonus:quizzes.col.question")}}</th><th scope="col" class="text-end text-nowrap">{{tx("bonus:quizzes.col.right")}}</th></tr></thead>
            <tbody>
              {{{ each ./questions }}}
              <tr><td class="text-break">{./number}. {./text}</td><td class="text-end text-nowrap">{./right} / {./of} ({./share} %)</td></tr>
              {{{ end }}}
            </tbody>
          </table>
        </div>
        {{{ if ./hasMembers }}}
        <div class="table-responsive">
          <table class="table table-sm mb-0" data-bonus="per-member">
            <thead><tr><th scope="col">{{tx("bonus:quizzes.col.member")}}</th><th scope="col">{{tx("bonus:quizzes.col.score")}}</th><th scope="col">{{tx("bonus:quizzes.col.date")}}</th></tr></thead>
            <tbody>{{{ each ./members }}}<tr><td>{./member}</td><td>{./score}</td><td class="text-nowrap">{./at}</td></tr>{{{ end }}}</tbody>
          </table>
        </div>
        {{{ if ./moreText }}}<p class="small text-secondary mb-0 mt-1" data-bonus="more-attempts">{{tx(./moreText)}}</p>{{{ end }}}
        {{{ end }}}
      </div>
    </section>
    {{{ end }}}
  </div>
  {{{ end }}}

  <form class="card card-body" data-bonus="quiz-editor" data-quiz-id="{editor.id}" novalidate>
    <div class="d-flex flex-wrap align-items-center gap-2 mb-2">
      <h2 class="fs-5 mb-0 me-auto">{{{ if isNew }}}{{tx("bonus:quizzes.new")}}{{{ else }}}{{tx("bonus:quizzes.editing", editor.id)}}{{{ end }}}</h2>
      {{{ if !isNew }}}<a class="btn btn-sm btn-outline-secondary" href="{newUrl}">{{tx("bonus:quizzes.new")}}</a>{{{ end }}}
    </div>
    <div class="row g-2 mb-2">
      {{{ each editor.title }}}
      <div class="col-12 col-md-6">
        <label class="form-label small" for="{./inputId}">{{tx("bonus:quizzes.field.title")}} · {{tx(./langText)}}</label>
        <input class="form-control" maxlength="200" id="{./inputId}" data-field="title" data-lang="{./lang}" value="{./value}">
      </div>
      {{{ end }}}
      {{{ each editor.lesson }}}
      <div class="col-12 col-md-6">
        <label class="form-label small" for="{./inputId}">{{tx("bonus:quizzes.field.lesson")}} · {{tx(./langText)}}</label>
        <textarea class="form-control" rows="4" maxlength="4000" id="{./inputId}" data-field="lesson" data-lang="{./lang}">{./value}</textarea>
      </div>
      {{{ end }}}
      <div class="col-12 col-md-4">
        <label class="form-label small" for="bonus-quiz-points">{{tx("bonus:quizzes.field.points")}}</label>
        <input class="form-control" id="bonus-quiz-points" type="number" min="0" max="10000" step="1" data-field="pointsPerAnswer" value="{editor.pointsPerAnswer}">
      </div>
      <div class="col-12 col-md-4">
        <span class="form-label small d-block">{{tx("bonus:quizzes.field.programmes")}}</span>
        {{{ each editor.programmes }}}
        <div class="form-check"><input class="form-check-input" type="checkbox" id="bonus-quiz-p-{./value}" data-field="programme" value="{./value}"{{{ if ./checked }}} checked{{{ end }}}><label class="form-check-label small" for="bonus-quiz-p-{./value}">{{tx(./text)}}</label></div>
        {{{ end }}}
      </div>
      <div class="col-12 col-md-4">
        <label class="form-label small" for="bonus-quiz-groups">{{tx("bonus:quizzes.field.groups")}}</label>
        <input class="form-control" id="bonus-quiz-groups" data-field="groups" value="{editor.groups}">
      </div>
    </div>
    <div data-bonus="questions">
      {{{ each editor.questions }}}
      <fieldset class="border rounded p-2 mb-2" data-bonus="question-editor">
        <legend class="fs-6 float-none w-auto px-1 mb-0">{{tx("bonus:quizzes.field.text")}} <span data-bonus="question-number">{./number}</span></legend>
        <div class="row g-2">
          {{{ each ./text }}}
          <div class="col-12 col-md-6"><label class="form-label small" for="{./inputId}">{{tx("bonus:quizzes.field.text")}} · {{tx(./langText)}}</label><textarea class="form-control" rows="2" maxlength="1000" id="{./inputId}" data-q="text" data-lang="{./lang}">{./value}</textarea></div>
          {{{ end }}}
          {{{ each ./options }}}
          <div class="col-12 col-md-6"><label class="form-label small" for="{./inputId}">{{tx("bonus:quizzes.field.options")}} · {{tx(./langText)}}</label><textarea class="form-control" rows="4" id="{./inputId}" data-q="options" data-lang="{./lang}">{./value}</textarea></div>
          {{{ end }}}
          {{{ each ./explanation }}}
          <div class="col-12 col-md-6"><label class="form-label small" for="{./inputId}">{{tx("bonus:quizzes.field.explanation")}} · {{tx(./langText)}}</label><textarea class="form-control" rows="2" maxlength="2000" id="{./inputId}" data-q="explanation" data-lang="{./lang}">{./value}</textarea></div>
          {{{ end }}}
          <div class="col-12 col-md-6"><label class="form-label small" for="{./correctId}">{{tx("bonus:quizzes.field.correct")}}</label><input class="form-control" id="{./correctId}" data-q="correct" value="{./correct}"></div>
          <div class="col-12 col-md-6"><div class="form-check mt-md-4"><input class="form-check-input" type="checkbox" id="{./multipleId}" data-q="multiple"{{{ if ./multiple }}} checked{{{ end }}}><label class="form-check-label small" for="{./multipleId}">{{tx("bonus:quizzes.field.multiple")}}</label></div></div>
          <div class="col-12 col-md-6 d-flex align-items-end"><button type="button" class="btn btn-sm btn-outline-danger" data-bonus="remove-question">{{tx("bonus:quizzes.remove-question")}}</button></div>
        </div>
      </fieldset>
      {{{ end }}}
    </div>
    <div class="d-flex flex-wrap gap-2 mt-2">
      <button type="button" class="btn btn-outline-secondary" data-bonus="add-question">{{tx("bonus:quizzes.add-question")}}</button>
      <button type="submit" class="btn btn-primary">{{tx("bonus:quizzes.save")}}</button>
    </div>
    <p class="small text-danger mt-2 mb-0" role="alert" data-bonus="form-error"></p>
  </form>
</div>
